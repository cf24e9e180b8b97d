# Dates as the patient pages write them, "20 November 2026" (FORMAT_MODULE_PATH; Django's own
# English formats otherwise).
DATE_FORMAT = "j F Y"
