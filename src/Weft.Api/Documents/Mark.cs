namespace Weft.Api.Documents;

/// <summary>A position in a source text; line and column are 1-based, as editors show them.</summary>
public readonly record struct Mark(int Line, int Column)
{
    public static readonly Mark None = default;

    public bool IsKnown => Line > 0;

    public override string ToString() => IsKnown ? $"{Line}:{Column}" : "?";
}
