using Weft.Api.Binding;
using Weft.Api.Model.Meta;

namespace Weft.Api.Model.Core;

/// <summary>core/v1 ServiceAccount: a workload's identity, <c>spiffe://TRUST_DOMAIN/ns/NS/sa/NAME</c> in the mesh.</summary>
[WireNullsAreAbsent]
public sealed record ServiceAccount : KubeObject
{
    public IReadOnlyList<ObjectReference>? Secrets { get; init; }

    public IReadOnlyList<LocalObjectReference>? ImagePullSecrets { get; init; }

    public bool? AutomountServiceAccountToken { get; init; }
}

/// <summary>core/v1 ObjectReference.</summary>
[WireNullsAreAbsent]
public sealed record ObjectReference
{
    public string? Kind { get; init; }

    public string? Namespace { get; init; }

    public string? Name { get; init; }

    public string? Uid { get; init; }

    public string? ApiVersion { get; init; }

    public string? ResourceVersion { get; init; }

    public string? FieldPath { get; init; }
}

/// <summary>core/v1 LocalObjectReference: a name in the same namespace.</summary>
[WireNullsAreAbsent]
public sealed record LocalObjectReference
{
    public string? Name { get; init; }
}
