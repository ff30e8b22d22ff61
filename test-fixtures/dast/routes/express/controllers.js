// Handlers defined away from their routes.
exports.listOrders = (req, res) => {
  res.json([{ id: req.query.page }]);
};
