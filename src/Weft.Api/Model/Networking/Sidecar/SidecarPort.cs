using Weft.Api.Binding;

namespace Weft.Api.Model.Networking;

/// <summary>A sidecar listener's port; number 0 with a <c>unix://</c> bind is a Unix domain socket.</summary>
[WireNullsAreAbsent]
public sealed record SidecarPort
{
    public uint? Number { get; init; }
    public string? Protocol { get; init; }
    public string? Name { get; init; }

    /// <summary>Deprecated and without effect on sidecars; set, it is an error.</summary>
    public uint? TargetPort { get; init; }
}
