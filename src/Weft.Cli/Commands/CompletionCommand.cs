using System.CommandLine;

namespace Weft.Cli.Commands;

/// <summary>`weft completion bash|zsh`: a script that asks weft itself for completions (System.CommandLine's [suggest] directive).</summary>
public static class CompletionCommand
{
    public static Command Create(CliEnvironment env)
    {
        var shell = new Argument<string>("SHELL") { Description = "bash or zsh" };
        shell.AcceptOnlyFromAmong("bash", "zsh");
        var command = new Command("completion", "Print a shell completion script: source <(weft completion bash)") { shell };
        command.SetAction(async (r, _) =>
        {
            await env.Out.WriteAsync(r.GetValue(shell) == "zsh" ? Zsh : Bash);
            return ExitCodes.Ok;
        });
        return command;
    }

    private const string Bash = """
        # weft bash completion: source <(weft completion bash)
        _weft_complete() {
          local IFS=$'\n'
          COMPREPLY=( $(weft "[suggest:${COMP_POINT}]" "${COMP_LINE}" 2>/dev/null) )
        }
        complete -o default -F _weft_complete weft

        """;

    private const string Zsh = """
        # weft zsh completion: source <(weft completion zsh)
        _weft_complete() {
          local -a completions
          completions=("${(@f)$(weft "[suggest:${#BUFFER}]" "${BUFFER}" 2>/dev/null)}")
          compadd -a completions
        }
        compdef _weft_complete weft

        """;
}
