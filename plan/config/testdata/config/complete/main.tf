# A root module using most of the language: tfgate must evaluate it into
# the same document shape a plan of it would give.

terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.0"
    }
  }
}

provider "aws" {
  region = var.region
  default_tags {
    tags = {
      ManagedBy = "terraform"
      Env       = var.env
    }
  }
}

provider "aws" {
  alias  = "replica"
  region = "us-west-2"
}

variable "env" {
  type = string
}

variable "region" {
  type    = string
  default = "eu-west-1"
}

variable "buckets" {
  type = map(object({
    versioning = optional(bool, false)
    kms        = optional(bool, true)
  }))
}

variable "db_password" {
  type      = string
  sensitive = true
  default   = "not-a-real-password"
}

variable "egress" {
  type = list(object({
    port  = number
    cidrs = list(string)
  }))
  default = [
    { port = 443, cidrs = ["0.0.0.0/0"] },
    { port = 5432, cidrs = ["10.0.0.0/8"] },
  ]
}

locals {
  name_prefix = "app-${var.env}"
  common_tags = {
    Project = "tfgate"
    Owner   = "platform"
  }
  encrypted = { for k, v in var.buckets : k => v if v.kms }
}

resource "aws_kms_key" "data" {
  count               = length(keys(local.encrypted)) > 0 ? 1 : 0
  description         = "${local.name_prefix} data key"
  enable_key_rotation = true
}

module "bucket" {
  source   = "./modules/bucket"
  for_each = var.buckets

  name       = "${local.name_prefix}-${each.key}"
  versioning = each.value.versioning
  kms_key_id = each.value.kms ? aws_kms_key.data[0].arn : null
  tags       = local.common_tags
}

module "replica" {
  source    = "./modules/bucket"
  providers = { aws = aws.replica }

  name = "${local.name_prefix}-replica"
  tags = merge(local.common_tags, { Replica = "true" })
}

resource "aws_security_group" "db" {
  name        = "${local.name_prefix}-db"
  description = "database"
  vpc_id      = data.aws_vpc.main.id

  dynamic "egress" {
    for_each = var.egress
    content {
      from_port   = egress.value.port
      to_port     = egress.value.port
      protocol    = "tcp"
      cidr_blocks = egress.value.cidrs
    }
  }

  tags = local.common_tags
}

data "aws_vpc" "main" {
  default = true
}

resource "aws_db_instance" "main" {
  identifier             = "${local.name_prefix}-db"
  engine                 = "postgres"
  instance_class         = "db.t3.micro"
  allocated_storage      = 20
  username               = "app"
  password               = var.db_password
  storage_encrypted      = true
  kms_key_id             = one(aws_kms_key.data[*].arn)
  vpc_security_group_ids = [aws_security_group.db.id]
  skip_final_snapshot    = true
}
