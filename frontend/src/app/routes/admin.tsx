export function AdminRoute() {
  return (
    <div className="mx-auto max-w-3xl p-4">
      <h1 className="text-xl font-semibold">Administration</h1>
      <p className="mt-2 text-sm text-slate-600">Dead-letter tools are coming soon.</p>
    </div>
  );
}
