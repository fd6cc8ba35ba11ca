using Weft.Api.Binding;

namespace Weft.Api.Model.Meta;

/// <summary>Kubernetes ObjectMeta: identity, labels and annotations, and the fields the server sets.</summary>
[WireNullsAreAbsent]
public sealed record ObjectMeta
{
    public string? Name { get; init; }
    public string? GenerateName { get; init; }
    public string? Namespace { get; init; }
    public string? SelfLink { get; init; }
    public string? Uid { get; init; }
    public string? ResourceVersion { get; init; }
    public long? Generation { get; init; }
    public string? CreationTimestamp { get; init; }
    public string? DeletionTimestamp { get; init; }
    public long? DeletionGracePeriodSeconds { get; init; }
    public IReadOnlyDictionary<string, string>? Labels { get; init; }
    public IReadOnlyDictionary<string, string>? Annotations { get; init; }
    public IReadOnlyList<OwnerReference>? OwnerReferences { get; init; }
    public IReadOnlyList<string>? Finalizers { get; init; }
    public IReadOnlyList<FreeForm>? ManagedFields { get; init; }

    public string? Label(string key) => Labels is not null && Labels.TryGetValue(key, out var v) ? v : null;

    public string? Annotation(string key) => Annotations is not null && Annotations.TryGetValue(key, out var v) ? v : null;
}

[WireNullsAreAbsent]
public sealed record OwnerReference
{
    public string? ApiVersion { get; init; }
    public string? Kind { get; init; }
    public string? Name { get; init; }
    public string? Uid { get; init; }
    public bool? Controller { get; init; }
    public bool? BlockOwnerDeletion { get; init; }
}
