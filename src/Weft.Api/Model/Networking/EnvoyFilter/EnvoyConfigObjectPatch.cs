using Weft.Api.Binding;

namespace Weft.Api.Model.Networking;

/// <summary>One patch: which kind of object, which objects (match), and what to do (patch).</summary>
[WireNullsAreAbsent]
public sealed record EnvoyConfigObjectPatch
{
    public EnvoyFilterApplyTo? ApplyTo { get; init; }
    public EnvoyConfigObjectMatch? Match { get; init; }
    public EnvoyFilterPatch? Patch { get; init; }
}
