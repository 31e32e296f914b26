#!/usr/bin/env bash
# Starts real mail servers on loopback for the test suite (idempotent; fast when already running):
# installs Debian's postfix and dovecot when missing, writes the TEST configuration from
# tools/mta/test/ and starts both. Not for production — see docs/email-mta.md.
#   Postfix  127.0.0.1:25 (relay without AUTH for 127.0.0.0/8), 587 (STARTTLS + AUTH), 465 (TLS + AUTH)
#   Dovecot  IMAP 143 (STARTTLS) / 993 (TLS), POP3 110 / 995, LMTP 24 (Postfix → Dovecot)
#   Domains  otklik.test, example.test: any address is a mailbox (password "otklik-test");
#            bounce.test: refused by a fake MX on 127.0.0.1:2525, the sender gets a DSN;
#            pipe.otklik.test: tools/mta/otklik-pipe, route per recipient in
#            /var/lib/otklik-test/pipe-routes/<recipient> ("url = ..." and "secret = ..." lines).
# Logs: /var/log/otklik-test/{postfix,dovecot}.log
set -euo pipefail

if [ "$(id -u)" -ne 0 ]; then exec sudo -n "$0" "$@"; fi
here="$(cd "$(dirname "$0")" && pwd)"
conf="$here/mta/test"
state=/var/lib/otklik-test
ports=(25 587 465 2525 24 143 993 110 995)

port_open() { timeout 1 bash -c "exec 3<>/dev/tcp/127.0.0.1/$1" 2>/dev/null; }

if ! [ -x /usr/sbin/postfix ] || ! [ -x /usr/sbin/dovecot ] || ! [ -x /usr/lib/dovecot/imap ] \
    || ! [ -x /usr/lib/dovecot/pop3 ] || ! [ -x /usr/lib/dovecot/lmtp ]; then
    echo "start-mail: installing postfix and dovecot"
    # Preseed postfix so the install never asks; our own main.cf replaces whatever it writes.
    debconf-set-selections <<<"postfix postfix/main_mailer_type select No configuration"
    debconf-set-selections <<<"postfix postfix/mailname string mail.otklik.test"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq -o Dpkg::Options::=--force-confold \
        postfix dovecot-imapd dovecot-pop3d dovecot-lmtpd >/dev/null
fi

id otklik-mail >/dev/null 2>&1 \
    || useradd --system --user-group --no-create-home --home-dir "$state/mail" --shell /usr/sbin/nologin otklik-mail
install -d -m 0755 "$state" /var/log/otklik-test /usr/local/lib/otklik-test
install -d -m 0700 -o otklik-mail -g otklik-mail "$state/mail"
install -d -m 0755 "$state/tls"  # cert.pem is readable (tests may trust it), key.pem is not
# Tests (root or not) write route files here; the pipe runs as nobody and only reads them.
install -d -m 1777 "$state/pipe-routes"

if ! [ -s "$state/tls/cert.pem" ] || ! [ -s "$state/tls/key.pem" ]; then
    echo "start-mail: generating a self-signed certificate for mail.otklik.test"
    openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj "/CN=mail.otklik.test" \
        -addext "subjectAltName=DNS:mail.otklik.test,DNS:localhost,IP:127.0.0.1" \
        -keyout "$state/tls/key.pem" -out "$state/tls/cert.pem" 2>/dev/null
    chmod 0600 "$state/tls/key.pem"; chmod 0644 "$state/tls/cert.pem"
    rm -f "$state/.configured"  # servers that run must pick the new certificate up
fi

# Copies src to dst when it differs; echoes "changed" then.
put() {
    local src="$1" dst="$2" mode="$3"
    if ! cmp -s "$src" "$dst"; then
        [ -e "$dst" ] && [ ! -e "$dst.debian" ] && cp -p "$dst" "$dst.debian"
        install -m "$mode" "$src" "$dst"
        echo changed
    fi
}
postfix_changed="$(put "$conf/main.cf" /etc/postfix/main.cf 0644; put "$conf/master.cf" /etc/postfix/master.cf 0644)"
dovecot_changed="$(put "$conf/dovecot.conf" /etc/dovecot/dovecot.conf 0644)"
put "$here/mta/otklik-pipe" /usr/local/lib/otklik-test/otklik-pipe 0755 >/dev/null
[ -e "$state/.configured" ] || { postfix_changed=changed; dovecot_changed=changed; }

# Daemons must not inherit our stdout/stderr: a caller that captures this script's output
# ($(start-mail.sh)) would otherwise wait for EOF forever (Dovecot keeps stderr open).
start_detached() { "$@" </dev/null >>/var/log/otklik-test/start.log 2>&1; }

# Dovecot first: Postfix's SMTP AUTH socket and LMTP target are Dovecot's.
dovecot_pid="$(cat /run/dovecot/master.pid 2>/dev/null || true)"
if [ -n "$dovecot_pid" ] && kill -0 "$dovecot_pid" 2>/dev/null; then
    if [ -n "$dovecot_changed" ]; then
        echo "start-mail: restarting dovecot (configuration changed)"
        doveadm stop
        for _ in $(seq 1 50); do kill -0 "$dovecot_pid" 2>/dev/null || break; sleep 0.1; done
        start_detached dovecot
    fi
else
    echo "start-mail: starting dovecot"
    start_detached dovecot
fi

if postfix status >/dev/null 2>&1; then
    if [ -n "$postfix_changed" ]; then
        echo "start-mail: reloading postfix (configuration changed)"
        postfix check
        start_detached postfix reload
    fi
else
    echo "start-mail: starting postfix"
    postfix check
    start_detached postfix start || { tail -n 20 /var/log/otklik-test/start.log >&2; exit 1; }
fi
touch "$state/.configured"

# Each test makes fresh addresses: drop mailboxes and leftover pipe routes older than a day.
find "$state/mail" -mindepth 2 -maxdepth 2 -type d -mtime +1 -exec rm -rf {} + 2>/dev/null || true
find "$state/pipe-routes" -mindepth 1 -maxdepth 1 -type f -mtime +1 -delete 2>/dev/null || true
find /var/log/otklik-test -name '*.log' -size +50M -exec truncate -s 0 {} + 2>/dev/null || true

for port in "${ports[@]}"; do
    up=""
    for _ in $(seq 1 100); do port_open "$port" && { up=1; break; }; sleep 0.1; done
    [ -n "$up" ] || {
        echo "start-mail: nothing listens on 127.0.0.1:$port; see /var/log/otklik-test/{postfix,dovecot}.log" >&2
        tail -n 20 /var/log/otklik-test/postfix.log /var/log/otklik-test/dovecot.log >&2 2>/dev/null || true
        exit 1
    }
done
# The ports could belong to someone else: make sure our two are the ones running.
postfix status >/dev/null 2>&1 || { echo "start-mail: postfix is not running; see /var/log/otklik-test/postfix.log" >&2; exit 1; }
dovecot_pid="$(cat /run/dovecot/master.pid 2>/dev/null || true)"
[ -n "$dovecot_pid" ] && kill -0 "$dovecot_pid" 2>/dev/null \
    || { echo "start-mail: dovecot is not running; see /var/log/otklik-test/dovecot.log" >&2; exit 1; }
echo "start-mail: Postfix and Dovecot ready on 127.0.0.1 (smtp 25, submission 587/465, imap 143/993, pop3 110/995)"
