using Weft.Api.Binding;

namespace Weft.Api.Model.Networking;

/// <summary>EnvoyFilter.Patch: an operation and, except for REMOVE, the Envoy configuration it uses (free-form).</summary>
[WireNullsAreAbsent]
public sealed record EnvoyFilterPatch
{
    public EnvoyFilterPatchOperation? Operation { get; init; }
    public FreeForm? Value { get; init; }
    public EnvoyFilterFilterClass? FilterClass { get; init; }
}
