"""The demo shop's modules; the slow spots live here so their paths are module-relative."""
