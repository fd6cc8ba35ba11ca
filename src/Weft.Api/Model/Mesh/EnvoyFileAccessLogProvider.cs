using Weft.Api.Binding;

namespace Weft.Api.Model.Mesh;

/// <summary>Access logs written to a file or stream.</summary>
[WireNullsAreAbsent]
public sealed record EnvoyFileAccessLogProvider
{
    /// <summary>The file (/dev/stdout).</summary>
    public string? Path { get; init; }
    public FileAccessLogFormat? LogFormat { get; init; }
}
