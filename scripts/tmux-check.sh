#!/usr/bin/env bash
# A real-terminal check of `diffkit tui`: run it inside tmux at 120x40 on the samples, press
# keys, read the screen back and fail unless the expected text shows. Uses its own tmux
# server on a socket in a temporary folder, so it never touches the user's sessions, and
# removes both on exit.
#
#   scripts/tmux-check.sh            # uses $DIFFKIT, else .venv/bin/diffkit, else diffkit
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
if [[ -n "${DIFFKIT:-}" ]]; then
    diffkit="$DIFFKIT"
elif [[ -x .venv/bin/diffkit ]]; then
    diffkit="$root/.venv/bin/diffkit"
else
    diffkit="diffkit"
fi
sockets="$(mktemp -d)"
session=""
a="samples/2023-closing-speech-news-traditional.txt"
b="samples/2023-closing-speech-simplified.txt"

tm() { tmux -S "$sockets/tmux" "$@"; }
cleanup() {
    tm kill-server 2>/dev/null || true
    rm -rf "$sockets"
}
trap cleanup EXIT

screen() { tm capture-pane -p -t "$session"; }

# wait_for TEXT [SECONDS]: poll the screen until TEXT shows.
wait_for() {
    local text="$1" deadline=$((SECONDS + ${2:-30}))
    while ((SECONDS < deadline)); do
        if screen | grep -qF -- "$text"; then
            return 0
        fi
        sleep 0.2
    done
    echo "tmux-check: timed out waiting for: $text" >&2
    echo "---- screen ----" >&2
    screen >&2 || true
    exit 1
}

# wait_for_row LEFT RIGHT [SECONDS]: poll until one screen row shows LEFT in A's column and
# RIGHT in B's (after the │ between them): both sides of the diff in step.
wait_for_row() {
    local left="$1" right="$2" deadline=$((SECONDS + ${3:-30}))
    while ((SECONDS < deadline)); do
        if screen | grep -qF -- "$left" && screen | grep -F -- "$left" | grep -qE -- "$left.* │ .*$right"; then
            return 0
        fi
        sleep 0.2
    done
    echo "tmux-check: timed out waiting for a row with: $left | $right" >&2
    echo "---- screen ----" >&2
    screen >&2 || true
    exit 1
}

press() {
    tm send-keys -t "$session" "$@"
    sleep 0.3
}

runs=0
start() {
    # A new session before the old one goes: the server never runs out of sessions and exits.
    local old="$session"
    runs=$((runs + 1))
    session="run$runs"
    tm new-session -d -s "$session" -x 120 -y 40 \
        "$diffkit tui $*; echo \"diffkit exited with \$?\"; sleep 60"
    [[ -z "$old" ]] || tm kill-session -t "=$old" 2>/dev/null || true
}

echo "tmux-check: comparison"
start "$a" "$b"
wait_for "similarity 37%" 60
wait_for "#0 A 11 ↔ B 13"
press j
wait_for "#1 A 33 ↔ B 15"
press n
wait_for "edit 1/42 content"
echo "tmux-check: side by side in step"
# Both halves of the content edit start on one row, each after its line number.
wait_for_row "33 他指出," "15 回首"
# Shared text after edits of different widths (an annotation, a mark) starts on one row.
wait_for_row "主義思想爲指導" "主义思想为指导"
press n n n n n n
wait_for "edit 7/42 content"
wait_for_row "2023年," "2023年，"
press v
wait_for "他指出,回首即將将"
press "?"
wait_for "Keys:"
wait_for "ctrl+p opens the command palette"
press "?"
press q
wait_for "diffkit exited with 0"

echo "tmux-check: duplicates"
start "$b"
wait_for "6 clusters" 60
press j
wait_for "#1 member 2/2"
press q
wait_for "diffkit exited with 0"

echo "tmux-check: bad input"
printf 'PNG\0\0\0\0IHDR\0\0' >"$sockets/image.bin"
start "$a" "$sockets/image.bin"
wait_for "looks binary" 60
press q
wait_for "diffkit exited with 2"

echo "tmux-check: ok"
