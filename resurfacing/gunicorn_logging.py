"""gunicorn's own logs (the access log above all: every results address) through the same
redaction as the app's: `gunicorn --logger-class resurfacing.gunicorn_logging.RedactedLogger`."""

from gunicorn.glogging import Logger

from resurfacing.logs import RedactFilter


class RedactedLogger(Logger):
    def setup(self, cfg):
        super().setup(cfg)
        for log in (self.error_log, self.access_log):
            log.addFilter(RedactFilter())
