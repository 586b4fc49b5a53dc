// The root of the repository: only the packages are linted (each has its own .eslintrc.js).
module.exports = {
  root: true,
};
