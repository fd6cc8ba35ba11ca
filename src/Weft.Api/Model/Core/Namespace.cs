using Weft.Api.Binding;
using Weft.Api.Model.Meta;

namespace Weft.Api.Model.Core;

/// <summary>core/v1 Namespace (cluster-scoped). Its labels (<c>istio-injection</c>, <c>istio.io/rev</c>) decide sidecar injection.</summary>
[WireNullsAreAbsent]
public sealed record Namespace : SpecObject<NamespaceSpec>;

[WireNullsAreAbsent]
public sealed record NamespaceSpec
{
    /// <summary>What must be done before the namespace is removed (<c>kubernetes</c>, or domain-prefixed names).</summary>
    public IReadOnlyList<string>? Finalizers { get; init; }
}
