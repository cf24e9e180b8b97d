# "20 de noviembre de 2026" (FORMAT_MODULE_PATH; Django's own Spanish formats otherwise).
DATE_FORMAT = r"j \d\e F \d\e Y"
