# Evaluated both by tfgate and, in TestLoadConfigAgainstTerraform, by a real
# `terraform plan` (offline, with the AWS provider mirror): the documents
# must agree wherever both know a value. No data sources: a plan would read
# them from AWS.

provider "aws" {
  region = "eu-west-1"
  default_tags {
    tags = {
      ManagedBy = "terraform"
    }
  }
}

provider "aws" {
  alias  = "us"
  region = "us-east-1"
}

variable "env" {
  type    = string
  default = "dev"
}

variable "queues" {
  type    = set(string)
  default = ["jobs", "events"]
}

variable "secret" {
  type      = string
  default   = "s3cr3t-value"
  sensitive = true
}

locals {
  prefix = "tfgate-${var.env}"
  tags   = { Env = var.env, Team = "platform" }
  rules = [
    { port = 443, cidr = "0.0.0.0/0" },
    { port = 5432, cidr = "10.0.0.0/8" },
  ]
}

resource "aws_kms_key" "main" {
  count                   = 2
  description             = "${local.prefix} key ${count.index}"
  deletion_window_in_days = 7 + count.index
  tags                    = local.tags
}

resource "aws_s3_bucket" "logs" {
  bucket        = "${local.prefix}-logs"
  force_destroy = true
  tags          = merge(local.tags, { Purpose = "logs" })
}

resource "aws_s3_bucket" "replica" {
  provider = aws.us
  bucket   = "${local.prefix}-replica"
}

resource "aws_s3_bucket_server_side_encryption_configuration" "logs" {
  bucket = aws_s3_bucket.logs.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = aws_kms_key.main[0].arn
    }
    bucket_key_enabled = true
  }
}

resource "aws_sqs_queue" "q" {
  for_each                  = var.queues
  name                      = "${local.prefix}-${each.key}"
  message_retention_seconds = each.key == "jobs" ? 86400 : 3600
  sqs_managed_sse_enabled   = true
}

resource "aws_ebs_volume" "data" {
  availability_zone = "eu-west-1a"
  size              = 20
  encrypted         = true
  kms_key_id        = aws_kms_key.main[1].arn
  tags              = { Name = "${local.prefix}-data" }
}

resource "aws_instance" "web" {
  ami           = "ami-12345678"
  instance_type = "t3.micro"
  root_block_device {
    encrypted   = true
    volume_size = 30
  }
  tags = local.tags
}

resource "aws_db_instance" "db" {
  identifier          = "${local.prefix}-db"
  engine              = "postgres"
  instance_class      = "db.t3.micro"
  allocated_storage   = 20
  username            = "app"
  password            = var.secret
  storage_encrypted   = true
  skip_final_snapshot = true
}

module "net" {
  source = "./modules/net"
  name   = local.prefix
  rules  = local.rules
}

module "net_us" {
  source    = "./modules/net"
  providers = { aws = aws.us }
  name      = "${local.prefix}-us"
  rules     = []
}
