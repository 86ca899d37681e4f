import { Link } from '@tanstack/react-router';

export function NotFoundRoute() {
  return (
    <div className="mx-auto max-w-3xl space-y-2 p-4">
      <h1 className="text-xl font-semibold">Page not found</h1>
      <Link to="/sessions" className="text-sm text-indigo-700 underline">
        Go to your sessions
      </Link>
    </div>
  );
}
