"""Errors a person can cause; each message is one plain line."""


class UserError(Exception):
    """Bad input from a person: shown as a message, never as a traceback."""


class NotFound(UserError):
    pass
