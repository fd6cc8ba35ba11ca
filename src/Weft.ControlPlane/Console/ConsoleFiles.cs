// The folder is Console/, the namespace WebConsole: a namespace named Console would shadow
// System.Console for every file under Weft.ControlPlane (Program.cs writes to Console.Out).
namespace Weft.ControlPlane.WebConsole;

/// <summary>
/// Where the built console (console/dist: index.html and assets/) is: the option, else
/// <c>$WEFT_CONSOLE_DIR</c>, else a <c>console</c> folder beside weftd, else <c>console/dist</c> in a
/// folder above weftd or above the working directory (a repository checkout). Null when none holds an
/// index.html; <see cref="NotBuiltMessage"/> then says how to build it.
/// </summary>
public static class ConsoleFiles
{
    public const string EnvironmentVariable = "WEFT_CONSOLE_DIR";

    public static string? Locate(string? configured)
    {
        if (configured is not null)
            return HasIndex(configured) ? Path.GetFullPath(configured) : null;
        if (Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } env)
            return HasIndex(env) ? Path.GetFullPath(env) : null;
        var beside = Path.Combine(AppContext.BaseDirectory, "console");
        if (HasIndex(beside))
            return beside;
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "console", "dist");
                if (HasIndex(candidate))
                    return candidate;
            }
        return null;
    }

    public static string NotBuiltMessage(string? configured) =>
        (configured ?? Environment.GetEnvironmentVariable(EnvironmentVariable)) is { Length: > 0 } asked
            ? $"The Weft console is not built: {Path.GetFullPath(asked)} holds no index.html. Build it with `cd console && npm ci && npm run build` in the repository and point weftd at console/dist."
            : "The Weft console is not built. Build it with `cd console && npm ci && npm run build` in the repository (./test.sh does it too); weftd then finds console/dist above its binary or working directory, or set WEFT_CONSOLE_DIR to the built folder.";

    private static bool HasIndex(string dir) => File.Exists(Path.Combine(dir, "index.html"));
}
