namespace Weft.Api.Documents;

/// <summary>One document of a multi-document YAML (or JSON) source.</summary>
/// <param name="Source">The file name (or "-" for standard input, or a label given by the caller).</param>
/// <param name="Index">1-based position of the document in its source, counting every <c>---</c>.</param>
/// <param name="Start">Where the document's content starts.</param>
/// <param name="Root">The document's value; null for an empty document.</param>
public sealed record SourceDocument(string Source, int Index, Mark Start, Node? Root);
