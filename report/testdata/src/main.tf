resource "aws_security_group" "web" {
  egress {
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_db_instance" "db" {
  password          = var.db_password
  storage_encrypted = false
}
