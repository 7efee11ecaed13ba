"""The one error type engines raise to the bridge core."""


class EngineError(Exception):
    """An error with a stable code, sent to the TypeScript side as it is."""

    def __init__(self, code, message, hint=None, **extra):
        super().__init__(message)
        self.code = code
        self.hint = hint
        self.extra = extra

    def to_json(self):
        out = {"code": self.code, "name": "EngineError", "message": str(self)}
        if self.hint:
            out["hint"] = self.hint
        out.update(self.extra)
        return out
