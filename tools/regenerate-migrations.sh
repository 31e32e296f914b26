#!/usr/bin/env bash
# Squashes the migrations of both providers into one Initial each. Only for use before the first
# release: a deployed database must get new migrations added on top instead.
set -euo pipefail
cd "$(dirname "$0")/../src/Otklik"
dotnet tool restore >/dev/null
rm -rf Data/Migrations
dotnet ef migrations add Initial --context SqliteOtklikDb --output-dir Data/Migrations/Sqlite
dotnet ef migrations add Initial --context PostgresOtklikDb --output-dir Data/Migrations/Postgres
rm -f design.db
# FTS5 is not part of the EF model: add the virtual table by hand (see docs/decisions/0003-search.md).
python3 - "$(ls Data/Migrations/Sqlite/*_Initial.cs)" <<'PY'
import sys
p = sys.argv[1]
s = open(p).read()
down = s.index('protected override void Down')
end_up = s.rindex('}', 0, down)
s = s[:end_up] + '''
            // Stems only (made in C#, see Search/Stemming.cs); rowid = id * 4 + kind.
            migrationBuilder.Sql("CREATE VIRTUAL TABLE search_fts USING fts5(title, body, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 2');");
        ''' + s[end_up:]
down = s.index('protected override void Down')
brace = s.index('{', down)
s = s[:brace + 1] + '''
            migrationBuilder.Sql("DROP TABLE IF EXISTS search_fts;");
''' + s[brace + 1:]
open(p, 'w').write(s)
PY
