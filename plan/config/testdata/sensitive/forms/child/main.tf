variable "in" {
  type = string
}

variable "sens_in" {
  type      = string
  sensitive = true
}

output "echo" {
  value = var.in
}

output "secret_out" {
  value     = "Quokka7-Zebra9-child"
  sensitive = true
}

output "sens_var_echo" {
  value = var.sens_in
}

resource "aws_s3_bucket" "inner" {
  bucket = "inner"
  tags   = { In = var.in, SensIn = var.sens_in, Plain = "p" }
}
