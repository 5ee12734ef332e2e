"""Small widgets shared by several areas: the SINS calculator, the urgency tints."""
