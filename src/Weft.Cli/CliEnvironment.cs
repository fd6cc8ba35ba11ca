namespace Weft.Cli;

/// <summary>
/// What a command may touch outside itself: output streams, the environment, the home folder.
/// Tests give their own; the program gives the real ones.
/// </summary>
public sealed class CliEnvironment
{
    public TextWriter Out { get; init; } = Console.Out;

    public TextWriter Error { get; init; } = Console.Error;

    public TextReader In { get; init; } = Console.In;

    /// <summary>Environment variables (WEFT_SERVER, WEFT_TOKEN, HOME, ...).</summary>
    public Func<string, string?> GetEnv { get; init; } = Environment.GetEnvironmentVariable;

    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>The user's home: HOME, so two instances with different HOMEs never share anything.</summary>
    public string Home => GetEnv("HOME") is { Length: > 0 } h ? h : Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);

    /// <summary>~/.weft: client config, pid and log of a detached control plane, default data.</summary>
    public string WeftHome => Path.Combine(Home, ".weft");

    public static CliEnvironment System { get; } = new();
}
