using Weft.Api.Documents;

namespace Weft.Api.Validation;

/// <summary>
/// A problem located in a source: which file, which document, which line and column, which
/// object, and what is wrong with which field.
/// </summary>
/// <param name="Source">File name, "-" for standard input, or a caller's label.</param>
/// <param name="DocumentIndex">1-based document number within the source; 0 when not from a source.</param>
/// <param name="At">Line and column of the offending value (or of the document, when unknown).</param>
/// <param name="Origin">"Kind namespace/name" of the object, when it could be read.</param>
/// <param name="Error">The field error.</param>
public sealed record Diagnostic(string Source, int DocumentIndex, Mark At, string? Origin, FieldError Error)
{
    public string Message => Error.Message;

    /// <summary>Like a compiler: <c>file.yaml:14:7: document 2 (VirtualService default/reviews): spec.http[0]...</c>.</summary>
    public override string ToString()
    {
        var where = At.IsKnown ? $"{Source}:{At.Line}:{At.Column}" : Source;
        var doc = DocumentIndex > 0 ? $"document {DocumentIndex}" : null;
        var what = (doc, Origin) switch
        {
            (null, null) => "",
            (not null, null) => $" {doc}:",
            (null, not null) => $" {Origin}:",
            _ => $" {doc} ({Origin}):",
        };
        return $"{where}:{what} {Error.Message}";
    }
}
