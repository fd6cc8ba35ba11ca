namespace Weft.Cli;

/// <summary>
/// A failure the user can act on: printed as one line (no stack trace) and turned into the
/// process exit code.
/// </summary>
public sealed class CliException(string message, int exitCode = ExitCodes.Failure) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}

/// <summary>Exit codes, as kubectl and istioctl use them.</summary>
public static class ExitCodes
{
    public const int Ok = 0;
    public const int Failure = 1;
    /// <summary>Input that cannot be read at all (missing file, not YAML) — `weft analyze` distinguishes it.</summary>
    public const int BadInput = 2;
}
