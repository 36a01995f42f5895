buckets = {
  logs   = { versioning = true }
  assets = { kms = false }
}
