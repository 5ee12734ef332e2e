"""The service audit window (the measures for the MSCC lead), apart from the desk."""
