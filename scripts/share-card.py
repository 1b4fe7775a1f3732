#!/usr/bin/env python3
"""Draws the demo blog's default share card: a 1200x630 PNG with the site's name.

usage: python3 scripts/share-card.py [OUT]   (default content/static/images/share-default.png)

Needs Pillow (`pip install pillow`) and the DejaVu fonts (Debian: fonts-dejavu-core).
1200x630 is the size Facebook, LinkedIn and X show large; text stays inside a safe
margin so that square crops (some messaging apps) keep the name readable.
"""
import sys

from PIL import Image, ImageDraw, ImageFont

OUT = sys.argv[1] if len(sys.argv) > 1 else "content/static/images/share-default.png"
W, H = 1200, 630
ACCENT = (15, 94, 79)        # the theme's --accent
INK = (255, 255, 255)
SOFT = (214, 236, 230)
FONT_DIR = "/usr/share/fonts/truetype/dejavu/"

img = Image.new("RGB", (W, H), ACCENT)
d = ImageDraw.Draw(img)
# A quiet band at the bottom and a thin rule, nothing else.
d.rectangle([0, H - 120, W, H], fill=(11, 72, 61))
d.rectangle([80, 300, 200, 306], fill=SOFT)

serif = ImageFont.truetype(FONT_DIR + "DejaVuSerif-Bold.ttf", 78)
sans = ImageFont.truetype(FONT_DIR + "DejaVuSans.ttf", 40)
small = ImageFont.truetype(FONT_DIR + "DejaVuSans.ttf", 32)

d.text((80, 110), "Willow Creek", font=serif, fill=INK)
d.text((80, 200), "Family Medicine", font=serif, fill=INK)
d.text((80, 340), "Plain Talk: clear, careful health", font=sans, fill=SOFT)
d.text((80, 392), "information for patients", font=sans, fill=SOFT)
d.text((80, H - 80), "rounds-demo.example", font=small, fill=SOFT)

img.save(OUT, "PNG", optimize=True)
print(f"wrote {OUT} ({W}x{H})")
