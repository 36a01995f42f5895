variable "name" {
  type = string
}

variable "rules" {
  type = list(object({
    port = number
    cidr = string
  }))
}

resource "aws_security_group" "this" {
  name        = var.name
  description = "managed by tfgate tests"

  dynamic "egress" {
    for_each = var.rules
    content {
      description = "port ${egress.value.port}"
      from_port   = egress.value.port
      to_port     = egress.value.port
      protocol    = "tcp"
      cidr_blocks = [egress.value.cidr]
    }
  }
}

resource "aws_security_group_rule" "ingress" {
  count             = length(var.rules) > 0 ? 1 : 0
  type              = "ingress"
  from_port         = 22
  to_port           = 22
  protocol          = "tcp"
  cidr_blocks       = ["10.0.0.0/8"]
  security_group_id = aws_security_group.this.id
}

output "id" {
  value = aws_security_group.this.id
}
