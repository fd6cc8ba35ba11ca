using System.CommandLine;
using Weft.Cli.Config;
using Weft.Cli.Http;

namespace Weft.Cli.Commands;

/// <summary>Options shared by many commands, declared once so they read the same everywhere.</summary>
public static class CommonOptions
{
    public static readonly Option<string?> Server = new("--server")
    {
        Description = "Control plane address (default: from ~/.weft/config, WEFT_SERVER, or http://127.0.0.1:20001)",
        Recursive = true,
    };

    public static readonly Option<string?> Token = new("--token")
    {
        Description = "API token (default: from ~/.weft/config or WEFT_TOKEN)",
        Recursive = true,
    };

    public static Option<string?> Namespace() => new("--namespace", "-n")
    {
        Description = "Namespace (default: the client config's, normally \"default\")",
    };

    public static Option<bool> AllNamespaces() => new("--all-namespaces", "-A")
    {
        Description = "Across all namespaces",
    };

    public static Option<string[]> Files(string description) => new("--filename", "-f")
    {
        Description = description,
        AllowMultipleArgumentsPerToken = false,
    };

    public static Option<bool> Recursive() => new("--recursive", "-R")
    {
        Description = "Process directories given with -f recursively",
    };

    public static ClientConfig Config(ParseResult r, CliEnvironment env) =>
        ClientConfig.Resolve(env, r.GetValue(Server), r.GetValue(Token));

    public static ApiClient Client(ParseResult r, CliEnvironment env) => new(Config(r, env));
}
