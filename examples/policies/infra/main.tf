# The infrastructure the example cases check: one open and one closed
# security group, an SQS queue without a customer key, and an IPv6 egress
# rule open to the internet. Plans are made with fixtures/regen.sh's
# provider setup (see README.md).
terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "5.100.0"
    }
  }
}

provider "aws" {
  region                      = "eu-west-1"
  access_key                  = "AKIAEXAMPLEEXAMPLE00"
  secret_key                  = "example-secret-key-not-real"
  skip_credentials_validation = true
  skip_requesting_account_id  = true
  skip_metadata_api_check     = true

  default_tags {
    tags = {
      Owner      = "platform"
      CostCenter = "cc-100"
    }
  }
}

resource "aws_security_group" "open" {
  name   = "open"
  vpc_id = "vpc-0123456789abcdef0"

  egress {
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_security_group" "closed" {
  name   = "closed"
  vpc_id = "vpc-0123456789abcdef0"

  egress {
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["10.0.0.0/8"]
  }
}

resource "aws_vpc_security_group_egress_rule" "v6" {
  security_group_id = aws_security_group.closed.id
  ip_protocol       = "-1"
  cidr_ipv6         = "::/0"
}

resource "aws_sqs_queue" "plain" {
  name = "acme-plain"
}

resource "aws_sqs_queue" "keyed" {
  name              = "acme-keyed"
  kms_master_key_id = "alias/acme"
}
