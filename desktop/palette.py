"""Colours and names of entity types, shared by the reader and the Word report (no Qt here)."""
from __future__ import annotations

ENTITY_TYPES = ("PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "LAW")
TYPE_LABELS = {"PERSON": "People", "ORG": "Organisations", "GPE": "Countries & cities", "LOC": "Places",
               "NORP": "Groups", "FAC": "Facilities", "EVENT": "Events", "LAW": "Laws"}
LIGHT = {"PERSON": "#cfe3ff", "ORG": "#ffe0b8", "GPE": "#d4f2d0", "LOC": "#c8efe9", "NORP": "#f1d7f5",
         "FAC": "#e8e1d2", "EVENT": "#ffd6d6", "LAW": "#f3f0b5"}
DARK = {"PERSON": "#27446b", "ORG": "#6b4a1f", "GPE": "#2d5a2a", "LOC": "#1f5550", "NORP": "#5a3560",
        "FAC": "#4f4836", "EVENT": "#6b2f2f", "LAW": "#5c5822"}
QUOTE_LIGHT, QUOTE_DARK = "#7a4fd0", "#b79cff"


def lighten(hex_colour: str, amount: float = 0.65) -> str:
    """Mix a colour with white, for shading text so it stays readable."""
    value = hex_colour.lstrip("#")
    r, g, b = (int(value[i:i + 2], 16) for i in (0, 2, 4))
    mix = [round(c + (255 - c) * amount) for c in (r, g, b)]
    return "{:02x}{:02x}{:02x}".format(*mix)
