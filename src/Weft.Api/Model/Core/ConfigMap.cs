using Weft.Api.Binding;
using Weft.Api.Model.Meta;

namespace Weft.Api.Model.Core;

/// <summary>core/v1 ConfigMap: text (<see cref="Data"/>) and base64 (<see cref="BinaryData"/>) values by key.</summary>
[WireNullsAreAbsent]
public sealed record ConfigMap : KubeObject
{
    public bool? Immutable { get; init; }

    public IReadOnlyDictionary<string, string>? Data { get; init; }

    public IReadOnlyDictionary<string, string>? BinaryData { get; init; }
}
