#!/usr/bin/env bash
# The .deb: built with cpack from this build, then its contents, modes, conffiles, dependencies and maintainer
# scripts checked, its systemd units verified, and (as root) installed with dpkg -i, checked and purged again.
set -euo pipefail
build=$1
tmp=${LW_TEST_TMP:?}
failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }
check() { local what=$1; shift; if "$@"; then echo "ok: $what"; else fail "$what"; fi; }

rm -rf "$tmp/out" "$tmp/root" "$tmp/control" "$tmp/units"
(cd "$build" && cpack -G DEB -B "$tmp/out") >"$tmp/cpack.log" 2>&1 || { cat "$tmp/cpack.log"; echo "FAIL: cpack"; exit 1; }
version=$(sed -n 's/^set(CPACK_PACKAGE_VERSION "\(.*\)")$/\1/p' "$build/CPackConfig.cmake")
deb="$tmp/out/lobbywatch_${version}_amd64.deb"
check "the package is named lobbywatch_${version}_amd64.deb" test -f "$deb"

field() { dpkg-deb -f "$deb" "$1"; }
check "Package: lobbywatch" test "$(field Package)" = lobbywatch
check "Architecture: amd64" test "$(field Architecture)" = amd64
depends=$(field Depends)
# From dpkg-shlibdeps (the libraries linked) and declared by hand (what is loaded at run time).
for dep in libqt6core6 libqt6quick6 libqt6serialport6 libqt6sql6 libsqlite3-0 libespeak-ng1 libpcaudio0 libgooglepinyin0 \
           qml6-module-qtquick qml6-module-qtquick-window qml6-module-qtqml-workerscript libqt6sql6-sqlite \
           qt6-wayland cage espeak-ng-data fonts-noto-cjk adduser; do
  check "Depends: $dep" grep -qE "(^|, )$dep( |,|$)" <<<"$depends"
done

listing=$(dpkg-deb -c "$deb")
mode() { awk -v p="./$1" '$6 == p || $6 == p"/" { print $1, $2 }' <<<"$listing"; }
check "/usr/bin/lobbywatch 0755 root" test "$(mode usr/bin/lobbywatch)" = "-rwxr-xr-x root/root"
check "/usr/bin/lobbywatch-sim 0755 root" test "$(mode usr/bin/lobbywatch-sim)" = "-rwxr-xr-x root/root"
check "/etc/lobbywatch/lobbywatch.ini 0640 (group lobbywatch by the postinst)" test "$(mode etc/lobbywatch/lobbywatch.ini)" = "-rw-r----- root/root"
check "/var/lib/lobbywatch 0700" test "$(mode var/lib/lobbywatch)" = "drwx------ root/root"
check "/var/backups/lobbywatch 0700" test "$(mode var/backups/lobbywatch)" = "drwx------ root/root"
for f in lib/systemd/system/lobbywatch.service lib/systemd/system/lobbywatch-backup.service \
         lib/systemd/system/lobbywatch-backup.timer lib/systemd/system/lobbywatch-archive.service \
         lib/systemd/system/lobbywatch-archive.timer lib/udev/rules.d/60-lobbywatch.rules \
         usr/share/man/man1/lobbywatch.1.gz usr/share/man/man5/lobbywatch.ini.5.gz; do
  check "/$f 0644 root" test "$(mode "$f")" = "-rw-r--r-- root/root"
done

dpkg-deb -e "$deb" "$tmp/control"
check "conffiles: /etc/lobbywatch/lobbywatch.ini" grep -qx /etc/lobbywatch/lobbywatch.ini "$tmp/control/conffiles"
post="$tmp/control/postinst"
check "postinst: a system user lobbywatch" grep -q 'adduser --system --group --home /var/lib/lobbywatch' "$post"
check "postinst: lobbywatch in dialout" grep -q 'for group in dialout' "$post"
check "postinst: config root:lobbywatch 0640" grep -q 'override root lobbywatch 0640 /etc/lobbywatch/lobbywatch.ini' "$post"
check "postinst: log directory lobbywatch 0700" grep -q 'override lobbywatch lobbywatch 0700 /var/lib/lobbywatch' "$post"
for s in preinst postinst prerm postrm; do check "$s is valid sh" sh -n "$tmp/control/$s"; done

dpkg-deb -x "$deb" "$tmp/root"
check "the packaged kiosk runs" "$tmp/root/usr/bin/lobbywatch" --version
for page in "$tmp"/root/usr/share/man/man*/*.gz; do
  check "man page $(basename "$page") renders without warnings" test -z "$(MANWIDTH=80 man --warnings -l "$page" 2>&1 >/dev/null)"
done
unit=$tmp/root/lib/systemd/system/lobbywatch.service
for key in Type=notify NotifyAccess=all WatchdogSec= ProtectSystem=strict ReadWritePaths=/var/lib/lobbywatch NoNewPrivileges=yes PrivateTmp=yes User=lobbywatch; do
  check "lobbywatch.service: $key" grep -q "^$key" "$unit"
done
# The sandbox must let the kiosk reach the network its config points at: the phone page listens on an IPv4 or IPv6
# address, the chat robots and the central database are connected to. AF_UNIX alone (and IPAddressDeny=any) left
# all three dead in an installed kiosk while every test outside the unit passed.
families=$(sed -n 's/^RestrictAddressFamilies=//p' "$unit" | tr ' ' '\n')
for af in AF_INET AF_INET6; do
  check "lobbywatch.service: RestrictAddressFamilies allows $af (phone page, webhook, central)" grep -qx "$af" <<<"$families"
done
check "lobbywatch.service: no IPAddressDeny (phone page, webhook, central)" bash -c "! grep -q '^IPAddressDeny=' '$unit'"

# systemd-analyze verify reports a bad line only as a warning (exit 0): any output is a failure. Its binaries
# and man pages are looked for on this machine, so the unpacked units are checked with the paths pointing into
# the unpacked tree and without the man pages (the installed ones below are checked with them).
verify() {
  local out
  out=$(systemd-analyze verify "$@" 2>&1) || { echo "$out" >&2; return 1; }
  [ -z "$out" ] || { echo "$out" >&2; return 1; }
}
mkdir -p "$tmp/units"
for u in lobbywatch.service lobbywatch-backup.service lobbywatch-backup.timer lobbywatch-archive.service lobbywatch-archive.timer; do
  sed "s|/usr/bin/lobbywatch|$tmp/root/usr/bin/lobbywatch|g" "$tmp/root/lib/systemd/system/$u" >"$tmp/units/$u"
done
check "systemd-analyze verify: the units" verify --man=no "$tmp/units/lobbywatch.service" "$tmp/units/lobbywatch-backup.service" "$tmp/units/lobbywatch-backup.timer" \
  "$tmp/units/lobbywatch-archive.service" "$tmp/units/lobbywatch-archive.timer"
sed 's/^Type=notify/Type=notfy/' "$tmp/units/lobbywatch.service" >"$tmp/units/broken.service"
if verify --man=no "$tmp/units/broken.service" 2>/dev/null; then fail "systemd-analyze verify passes a broken unit: the check above proves nothing"
else echo "ok: systemd-analyze verify catches a broken unit"; fi

# As root, on this machine: dpkg -i, the user, the owners and modes, the units in place; then purged again
# (the event log directory and the user stay, as Debian keeps a package's data and users).
if [ "$(id -u)" -eq 0 ] && [ "${LW_PACKAGE_TEST_INSTALL:-1}" != 0 ]; then
  if dpkg-query -W -f='${Status}' lobbywatch 2>/dev/null | grep -q 'install ok installed' && [ ! -e /var/lib/lobbywatch/.installed-by-test ]; then
    echo "skip: lobbywatch is installed on this machine for real; not reinstalling it from a test"
  else
    dpkg -i "$deb" >"$tmp/dpkg.log" 2>&1 || { cat "$tmp/dpkg.log"; fail "dpkg -i"; }
    touch /var/lib/lobbywatch/.installed-by-test
    check "user lobbywatch exists, a system user" test "$(getent passwd lobbywatch | cut -d: -f3)" -lt 1000
    check "user lobbywatch is in dialout" bash -c "id -nG lobbywatch | tr ' ' '\n' | grep -qx dialout"
    check "config root:lobbywatch 0640" test "$(stat -c '%U:%G %a' /etc/lobbywatch/lobbywatch.ini)" = "root:lobbywatch 640"
    check "log directory lobbywatch:lobbywatch 0700" test "$(stat -c '%U:%G %a' /var/lib/lobbywatch)" = "lobbywatch:lobbywatch 700"
    check "installed units verify" verify /lib/systemd/system/lobbywatch.service /lib/systemd/system/lobbywatch-backup.service /lib/systemd/system/lobbywatch-backup.timer \
      /lib/systemd/system/lobbywatch-archive.service /lib/systemd/system/lobbywatch-archive.timer
    check "lobbywatch-archive.timer enabled" test -L /etc/systemd/system/timers.target.wants/lobbywatch-archive.timer
    check "lobbywatch.service enabled" test -L /etc/systemd/system/graphical.target.wants/lobbywatch.service
    check "the installed kiosk runs as lobbywatch" runuser -u lobbywatch -- /usr/bin/lobbywatch --version
    scratch=$(mktemp -d /tmp/lobbywatch-package-test.XXXXXX)
    chown lobbywatch "$scratch"
    # A log made by the installed kiosk as lobbywatch with the installed config (a read of a missing log is refused).
    check "the installed config loads and makes a log (as lobbywatch)" bash -c "echo 2580 | runuser -u lobbywatch -- /usr/bin/lobbywatch staff add Test --role manager --config /etc/lobbywatch/lobbywatch.ini --db '$scratch/installed.db'"
    check "the installed kiosk reads it (as lobbywatch)" runuser -u lobbywatch -- /usr/bin/lobbywatch staff list --config /etc/lobbywatch/lobbywatch.ini --db "$scratch/installed.db"
    check "the installed retention runs (as lobbywatch)" runuser -u lobbywatch -- /usr/bin/lobbywatch archive --config /etc/lobbywatch/lobbywatch.ini --db "$scratch/installed.db" --to "$scratch/archive"
    rm -rf "$scratch"
    rm -f /var/lib/lobbywatch/.installed-by-test
    dpkg --purge lobbywatch >>"$tmp/dpkg.log" 2>&1 || { cat "$tmp/dpkg.log"; fail "dpkg --purge"; }
    check "purged: the config is gone" test ! -e /etc/lobbywatch/lobbywatch.ini
  fi
else
  echo "skip: dpkg -i on this machine (needs root)"
fi

[ $failures -eq 0 ] || { echo "$failures checks failed" >&2; exit 1; }
echo "package: all checks passed"
