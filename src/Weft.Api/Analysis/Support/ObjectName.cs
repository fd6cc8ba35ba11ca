namespace Weft.Api.Analysis.Support;

/// <summary>
/// A namespace and a name, printed as Istio's <c>resource.FullName</c> is: <c>namespace/name</c>,
/// or the name alone for an object without a namespace.
/// </summary>
internal readonly record struct ObjectName(string Namespace, string Name)
{
    /// <summary>A reference written as <c>name</c> (in <paramref name="defaultNamespace"/>) or <c>namespace/name</c>.</summary>
    public static ObjectName Parse(string defaultNamespace, string reference)
    {
        var slash = reference.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? new(defaultNamespace, reference) : new(reference[..slash], reference[(slash + 1)..]);
    }

    public override string ToString() => Namespace.Length == 0 ? Name : $"{Namespace}/{Name}";
}
