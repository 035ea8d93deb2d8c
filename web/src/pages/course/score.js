// The lesson's score line: how a course page keeps score from its <nabla-exercise> widgets, which post
// { type: 'nabla-score', exercise, correct, attempts } to the page on every check.
const solved = new Map(); // exercise id -> solved (a later wrong check does not unsolve it)

window.addEventListener('message', (e) => {
  const m = e.data;
  if (m?.type !== 'nabla-score' || typeof m.exercise !== 'string') return;
  solved.set(m.exercise, solved.get(m.exercise) || m.correct === true);
  const score = document.getElementById('score');
  const right = [...solved.values()].filter(Boolean).length;
  score.textContent = `Score: ${right} of ${solved.size}.`;
  score.dataset.right = String(right);
  score.dataset.tried = String(solved.size);
});
