using LlmSecOps.Lint.Config;
using LlmSecOps.Lint.Engine;

namespace LlmSecOps.Lint.Discovery;

/// <summary>
/// Walks the paths given on the command line. Directory symlinks are not followed unless the
/// configuration says so, and when they are, each real directory is entered once, so a link loop
/// ends instead of hanging. Build output, dependency and VCS folders are skipped.
/// </summary>
internal sealed class FileDiscovery
{
    private static readonly HashSet<string> SkippedDirectories = new(StringComparer.OrdinalIgnoreCase)
    {
        ".git", ".hg", ".svn", "node_modules", "bin", "obj", ".venv", "venv", "__pycache__", ".tox", ".mypy_cache", ".pytest_cache",
        ".ruff_cache", "dist", ".next", ".nuxt", ".idea", ".vs", ".vscode", ".llmsecops", "site-packages", ".terraform", "coverage", "TestResults",
        "BenchmarkDotNet.Artifacts",
    };

    private readonly LintConfig _config;
    private readonly string _root;
    private readonly Glob[] _include;
    private readonly Glob[] _exclude;
    private readonly Glob[] _prompts;
    private readonly List<DiscoveredFile> _files = [];
    private readonly List<LintNotice> _notices = [];
    private readonly HashSet<string> _visitedDirectories = new(StringComparer.Ordinal);
    private readonly HashSet<string> _seenFiles = new(StringComparer.Ordinal);

    public FileDiscovery(LintConfig config, string root)
    {
        _config = config;
        _root = root;
        _include = config.Include.Select(static g => new Glob(g)).ToArray();
        _exclude = config.Exclude.Select(static g => new Glob(g)).ToArray();
        _prompts = config.Prompts.Select(static g => new Glob(g)).ToArray();
    }

    public IReadOnlyList<DiscoveredFile> Files => _files;

    public IReadOnlyList<LintNotice> Notices => _notices;

    public void Add(string path)
    {
        var full = Path.GetFullPath(path, _root);
        if (File.Exists(full))
        {
            AddFile(new FileInfo(full), isExplicit: true);
        }
        else if (Directory.Exists(full))
        {
            Walk(new DirectoryInfo(full));
        }
        else
        {
            _notices.Add(new LintNotice(Relative(full), "not_found", "no such file or directory"));
        }
    }

    private void Walk(DirectoryInfo start)
    {
        var stack = new Stack<DirectoryInfo>();
        stack.Push(start);
        while (stack.Count > 0)
        {
            var dir = stack.Pop();
            var real = RealPath(dir);
            if (real is null || !_visitedDirectories.Add(real))
            {
                if (real is not null && !ReferenceEquals(dir, start))
                {
                    _notices.Add(new LintNotice(Relative(dir.FullName), "symlink", $"already visited as {Relative(real)}; a symbolic link loop or a second link to the same directory"));
                }

                continue;
            }

            FileSystemInfo[] entries;
            try
            {
                entries = dir.GetFileSystemInfos();
            }
            catch (Exception ex) when (ex is UnauthorizedAccessException or IOException or System.Security.SecurityException)
            {
                _notices.Add(new LintNotice(Relative(dir.FullName), "unreadable", $"directory skipped: {ex.Message}"));
                continue;
            }

            Array.Sort(entries, static (a, b) => string.CompareOrdinal(b.Name, a.Name));
            foreach (var entry in entries)
            {
                var relative = Relative(entry.FullName);
                if (entry is DirectoryInfo sub)
                {
                    if (SkippedDirectories.Contains(sub.Name) || IsExcluded(relative + "/"))
                    {
                        continue;
                    }

                    if (sub.LinkTarget is not null && !_config.FollowSymlinks)
                    {
                        _notices.Add(new LintNotice(relative, "symlink", "symbolic link to a directory not followed (set follow_symlinks: true to follow)"));
                        continue;
                    }

                    stack.Push(sub);
                }
                else if (entry is FileInfo file)
                {
                    AddFile(file, isExplicit: false);
                }
            }
        }
    }

    private void AddFile(FileInfo file, bool isExplicit)
    {
        var relative = Relative(file.FullName);
        if (!isExplicit && (IsExcluded(relative) || (_include.Length > 0 && !_include.Any(g => g.IsMatch(relative) || g.IsMatch(ConfigRelative(relative))))))
        {
            return;
        }

        if ((FileClassifier.Classify(relative, isExplicit, _prompts) ?? FileClassifier.Classify(ConfigRelative(relative), isExplicit, _prompts)) is not { } kind)
        {
            if (isExplicit)
            {
                // A file named on the command line is read as a prompt even without a known extension.
                kind = (Documents.DocumentKind.TextPrompt, null);
            }
            else
            {
                return;
            }
        }

        var path = file.FullName;
        if (file.LinkTarget is not null)
        {
            try
            {
                var target = file.ResolveLinkTarget(returnFinalTarget: true);
                if (target is null || !target.Exists)
                {
                    _notices.Add(new LintNotice(relative, "symlink", "broken symbolic link skipped"));
                    return;
                }

                path = target.FullName;
            }
            catch (IOException ex)
            {
                _notices.Add(new LintNotice(relative, "symlink", $"symbolic link skipped: {ex.Message}"));
                return;
            }
        }

        if (!_seenFiles.Add(path))
        {
            return;
        }

        _files.Add(new DiscoveredFile(path, relative, kind.Kind, kind.Language, isExplicit));
    }

    private bool IsExcluded(string relative) => _exclude.Any(g => g.IsMatch(relative) || g.IsMatch(ConfigRelative(relative)));

    /// <summary>Globs in the configuration are relative to its directory, which need not be the root.</summary>
    private string ConfigRelative(string relative) =>
        Path.GetRelativePath(_config.BaseDirectory, Path.GetFullPath(relative, _root)).Replace('\\', '/');

    private string Relative(string full)
    {
        var rel = Path.GetRelativePath(_root, full).Replace('\\', '/');
        return rel == "." ? "." : rel;
    }

    private static string? RealPath(DirectoryInfo dir)
    {
        try
        {
            if (dir.LinkTarget is null)
            {
                return dir.FullName;
            }

            var target = dir.ResolveLinkTarget(returnFinalTarget: true);
            return target?.FullName;
        }
        catch (IOException)
        {
            return null;
        }
    }
}
