# Things configuration alone cannot evaluate: each gives one notice and
# unknown values, never a silent pass.

module "vpc" {
  source  = "terraform-aws-modules/vpc/aws"
  version = "5.8.1"
  name    = "main"
}

resource "aws_subnet" "private" {
  count      = length(module.vpc.azs)
  vpc_id     = module.vpc.vpc_id
  cidr_block = cidrsubnet("10.0.0.0/16", 8, count.index)
}

resource "aws_s3_bucket" "named" {
  bucket = provider::aws::arn_build("aws", "s3", "", "", "named")
}

resource "aws_instance" "web" {
  ami           = "ami-12345678"
  instance_type = "t3.micro"
  subnet_id     = aws_subnet.private[0].id
  user_data     = base64encode(1 + "x")
}
