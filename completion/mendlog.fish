# fish completion for mendlog(1).
#
# A thin wrapper: every candidate comes from `mendlog __complete WORD...`,
# computed from the tables the command line itself uses and from the diary
# (exercise ids for `done`, open alert numbers for `ack`); see
# completion/mendlog.bash.

function __mendlog_complete
    set -l tokens (commandline -opc)
    set -l cur (commandline -ct)
    set -l out ($tokens[1] __complete $tokens[2..-1] "$cur" 2>/dev/null)
    switch "$out[1]"
        case :files
            __fish_complete_path "$cur"
        case :dirs
            __fish_complete_directories "$cur"
        case '*'
            if test (count $out) -gt 0
                printf '%s\n' $out
            end
    end
end

complete -c mendlog -f -a '(__mendlog_complete)'
