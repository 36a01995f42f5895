# Every expression form a sensitive value can flow through, for
# TestSensitiveFormsEqualTerraform: plan.json beside this file is what
# Terraform 1.11 made of it (regen.sh), and the configuration document must
# redact exactly the values Terraform marks sensitive there.
terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "5.100.0"
    }
  }
}

provider "aws" {
  region                      = "us-east-1"
  access_key                  = "AKIAFIXTUREFIXTURE00"
  secret_key                  = "fixture-secret-key-not-real"
  skip_credentials_validation = true
  skip_requesting_account_id  = true
  skip_metadata_api_check     = true
}

variable "secret" { # given in terraform.tfvars
  type      = string
  sensitive = true
}

variable "env_secret" { # given as TF_VAR_env_secret
  type      = string
  sensitive = true
}

variable "list_secret" {
  type      = list(string)
  sensitive = true
  default   = ["Quokka7-Zebra9-list"]
}

variable "plain" {
  type    = string
  default = "visible"
}

locals {
  tagmap = { a = { Owner = var.secret }, b = { Owner = "x" } }
  joined = "${var.secret}-suffix"
  obj    = { name = var.secret, other = "o" }
}

# for_each over a map whose elements (not the map) are sensitive.
resource "aws_s3_bucket" "each" {
  for_each = local.tagmap
  bucket   = "b-${each.key}"
  tags     = merge(each.value, { Extra = lookup(each.value, "Owner", "none"), Key = each.key, Plain = var.plain })
}

# count from a sensitive value: allowed, count.index is not sensitive.
resource "aws_s3_bucket" "count" {
  count  = length(var.secret) > 3 ? 2 : 1
  bucket = "c-${count.index}"
  tags   = { Index = tostring(count.index) }
}

resource "aws_s3_bucket" "exprs" {
  bucket = "exprs"
  tags = {
    Direct       = var.secret
    Env          = var.env_secret
    Local        = local.joined
    ObjAttr      = local.obj.name
    ObjOther     = local.obj.other
    Cond         = var.secret != "" ? "yes" : "no"
    Branch       = true ? var.secret : "n"
    ForList      = [for s in [var.secret, "x"] : upper(s)][0]
    ForListPlain = [for s in [var.secret, "x"] : upper(s)][1]
    ForMap       = { for k, v in { a = var.secret, b = "plain" } : k => v }["a"]
    ForMapPlain  = { for k, v in { a = var.secret, b = "plain" } : k => v }["b"]
    ForKey       = keys({ for s in [var.secret] : s => 1 })[0]
    Template     = "pre-${var.secret}"
    Directive    = "%{if var.secret != ""}set%{endif}"
    Format       = format("%s!", var.secret)
    Join         = join(",", [var.secret, "b"])
    Upper        = upper(var.secret)
    Json         = jsonencode({ s = var.secret })
    B64          = base64encode(var.secret)
    Sha          = sha256(var.secret)
    Split        = split("-", var.secret)[0]
    Replace      = replace(var.secret, "7", "8")
    Substr       = substr(var.secret, 0, 4)
    Lookup       = lookup({ k = var.secret }, "k", "d")
    Tomap        = tomap({ k = var.secret })["k"]
    Zipmap       = zipmap(["k"], [var.secret])["k"]
    ZipmapKey    = keys(zipmap([var.secret], ["v"]))[0]
    Flatten      = flatten([[var.secret]])[0]
    Values       = values({ k = var.secret })[0]
    Keys         = keys({ (var.secret) = 1 })[0]
    Element      = element(var.list_secret, 0)
    Coalesce     = coalesce("", var.secret)
    Concat       = concat([var.secret], ["z"])[0]
    ConcatPlain  = concat([var.secret], ["z"])[1]
    Try          = try(var.secret, "t")
    Length       = tostring(length(var.secret))
    Index        = local.tagmap["a"].Owner
    Splat        = ([local.obj][*].name)[0]
    Templatefile = templatefile("${path.module}/t.tpl", { s = var.secret })
    Sensitive    = sensitive("made-sensitive")
    ModIn        = module.child.echo
    ModOut       = module.child.secret_out
    ModSens      = module.child.sens_var_echo
    ModEach      = module.each["one"].echo
    Password     = aws_db_instance.db.password
    Plain        = var.plain
  }
}

resource "aws_db_instance" "db" {
  identifier          = "sens"
  engine              = "postgres"
  instance_class      = "db.t3.micro"
  allocated_storage   = 20
  username            = "app"
  password            = "Quokka7-Zebra9-db"
  skip_final_snapshot = true
}

resource "aws_security_group" "dyn" {
  name = "dyn"
  # Elements sensitive: the iterator value is.
  dynamic "ingress" {
    for_each = [var.secret]
    content {
      description = ingress.value
      from_port   = 1
      to_port     = 1
      protocol    = "tcp"
      cidr_blocks = ["10.0.0.0/8"]
    }
  }
  # The whole for_each sensitive: every generated attribute is.
  dynamic "egress" {
    for_each = var.list_secret
    content {
      description = "fixed"
      from_port   = 443
      to_port     = 443
      protocol    = "tcp"
      cidr_blocks = ["10.0.0.0/8"]
    }
  }
}

module "child" {
  source  = "./child"
  in      = var.secret
  sens_in = "sensitive-in-the-child"
}

module "each" {
  source   = "./child"
  for_each = { one = var.secret }
  in       = each.value
  sens_in  = each.key
}
