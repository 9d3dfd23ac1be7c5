"""Infrastructure with no domain imports: mail, signed links, the page cache, the resilient
Redis cache, the mail sink and wall-clock maths. Everything else may import it."""
