using System.Text.RegularExpressions;
using Weft.Api.Loading;
using Weft.Api.Validation;

namespace Weft.Api.Tests.Conformance;

/// <summary>One document of Istio's validation test data, with the error it expects (for invalid files).</summary>
public sealed record ValidationCase(string File, int Index, string Name, string Text, string? ExpectedError)
{
    public override string ToString() => $"{Path.GetFileName(File)}#{Index} {Name}";
}

/// <summary>What Weft said about one case.</summary>
public sealed record ValidationOutcome(ValidationCase Case, IReadOnlyList<string> Errors)
{
    public bool Refused => Errors.Count > 0;

    /// <summary>A valid case is accepted; an invalid one is refused with the expected reason among its errors.</summary>
    public bool Matches => Case.ExpectedError is null
        ? !Refused
        : Errors.Any(e => e.Contains(Case.ExpectedError, StringComparison.Ordinal));
}

/// <summary>Reads ../shared/corpus/istio/validation/crds (Istio's valid/invalid pairs) and runs Weft's validation on them.</summary>
public static partial class ValidationCorpus
{
    public static IReadOnlyList<ValidationCase> Cases(string file)
    {
        var text = File.ReadAllText(file);
        var cases = new List<ValidationCase>();
        var index = 0;
        foreach (var doc in DocumentSeparator().Split(text))
        {
            // Documents that are only comments (Istio's "#_err: TODO" placeholders) are not cases.
            if (doc.Split('\n').All(l => l.TrimStart().StartsWith('#') || l.Trim().Length == 0))
                continue;
            index++;
            var err = ErrLine().Match(doc);
            var expected = err.Success ? Unquote(err.Groups[1].Value.Trim()) : null;
            var body = ErrLine().Replace(doc, "");
            var name = NameLine().Match(body) is { Success: true } m ? m.Groups[1].Value.Trim() : "?";
            cases.Add(new ValidationCase(file, index, name, body, file.EndsWith("-invalid.yaml", StringComparison.Ordinal) ? expected ?? "" : null));
        }
        return cases;
    }

    public static ValidationOutcome Run(ValidationCase c)
    {
        var load = ManifestLoader.Load(c.Text, Path.GetFileName(c.File));
        var errors = load.Errors.Select(e => e.Message).ToList();
        errors.AddRange(Validators.Validate(load.Objects).Select(d => d.Message));
        return new ValidationOutcome(c, errors);
    }

    private static string Unquote(string s) =>
        s.Length >= 2 && ((s[0] == '\'' && s[^1] == '\'') || (s[0] == '"' && s[^1] == '"'))
            ? s[1..^1].Replace("''", "'", StringComparison.Ordinal).Replace("\\\"", "\"", StringComparison.Ordinal)
            : s;

    [GeneratedRegex(@"^---\s*$", RegexOptions.Multiline)]
    private static partial Regex DocumentSeparator();

    [GeneratedRegex(@"^_err:(.*)$\n?", RegexOptions.Multiline)]
    private static partial Regex ErrLine();

    [GeneratedRegex(@"^\s+name:(.*)$", RegexOptions.Multiline)]
    private static partial Regex NameLine();
}
