using Weft.Api.Binding;

namespace Weft.Api.Model.Networking;

/// <summary>A command readiness check: exit status 0 means ready.</summary>
[WireNullsAreAbsent]
public sealed record ExecHealthCheckConfig
{
    public IReadOnlyList<string>? Command { get; init; }
}
