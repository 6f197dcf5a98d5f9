"""Scripts that measure speed; run by hand, never asserted as wall time in tests."""
