/** Tailwind CSS 4 through PostCSS, as Next.js loads it (app/globals.css imports "tailwindcss"). */
export default { plugins: { "@tailwindcss/postcss": {} } };
