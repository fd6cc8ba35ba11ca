namespace Weft.Discovery.Routes;

/// <summary>
/// A header condition. Match null means "present". Invert turns it around (Istio withoutHeaders).
/// Pseudo-headers <c>:method</c>, <c>:authority</c>, <c>:scheme</c> and <c>:path</c> are allowed.
/// </summary>
public sealed record HeaderMatcher
{
    public required string Name { get; init; }

    public StringMatch? Match { get; init; }

    public bool Invert { get; init; }
}
