#!/bin/sh
# Run the real mendlog under valgrind; one log file per run in $VG_DIR.
# Used as ML= by tests/stress.sh so every e2e flow runs under it.
exec valgrind -q --leak-check=full --show-leak-kinds=definite \
    --errors-for-leak-kinds=definite --error-exitcode=99 \
    --log-file="$VG_DIR/vg.%p.log" "$VG_BIN" "$@"
