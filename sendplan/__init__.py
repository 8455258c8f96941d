"""sendplan: the domain core of the SEND action-plan editor (no Qt here)."""

from __future__ import annotations

__all__ = ["__version__", "APP_NAME"]

__version__ = "0.1.0"
APP_NAME = "sendplan"
