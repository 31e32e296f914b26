#!/usr/bin/env python3
"""Adds or updates workspace strings in Resources/Web/Strings.resx (English) and Strings.ru.resx.

usage: tools/resx.py Key "English text" "Русский текст" [Key2 "..." "..."]...
The resx files stay the source of truth; this only saves hand-editing XML.
"""
import sys, os, xml.etree.ElementTree as ET
from xml.sax.saxutils import escape

BASE = os.path.join(os.path.dirname(__file__), "..", "src", "Otklik", "Resources", "Web")
HEADER = '''<?xml version="1.0" encoding="utf-8"?>
<root>
  <resheader name="resmimetype"><value>text/microsoft-resx</value></resheader>
  <resheader name="version"><value>2.0</value></resheader>
  <resheader name="reader"><value>System.Resources.ResXResourceReader, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>
  <resheader name="writer"><value>System.Resources.ResXResourceWriter, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>
'''

def load(path):
    if not os.path.exists(path): return {}
    return {d.get("name"): d.findtext("value") or "" for d in ET.parse(path).getroot().findall("data")}

def save(path, entries):
    with open(path, "w", encoding="utf-8") as f:
        f.write(HEADER)
        for k in sorted(entries):
            f.write(f'  <data name="{escape(k)}" xml:space="preserve"><value>{escape(entries[k])}</value></data>\n')
        f.write("</root>\n")

args = sys.argv[1:]
if len(args) % 3: sys.exit(__doc__)
en_path, ru_path = os.path.join(BASE, "Strings.resx"), os.path.join(BASE, "Strings.ru.resx")
en, ru = load(en_path), load(ru_path)
for i in range(0, len(args), 3):
    en[args[i]], ru[args[i]] = args[i + 1], args[i + 2]
os.makedirs(BASE, exist_ok=True)
save(en_path, en); save(ru_path, ru)
